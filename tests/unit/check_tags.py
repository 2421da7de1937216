#!/usr/bin/env python3
"""Every unit test file is a listed module, and every test case in it carries the module's tag.

tests/meson.build derives the file unit/NAME_test.cpp and the test `unit NAME` (which runs the
tag [NAME]) from one list; a test case with another tag would compile and never run.
usage: check_tags.py UNIT_DIR MODULE...
"""
import pathlib
import re
import sys

# A test case's opening up to its tags, which may follow on the next line.
CASE = re.compile(r'\b(?:TEST_CASE|TEST_CASE_METHOD|SCENARIO|TEMPLATE_TEST_CASE)\s*\((.*?)\)\s*\{', re.S)


def problems(unit_dir, modules):
    found = {p.name[: -len('_test.cpp')] for p in unit_dir.glob('*_test.cpp')}
    for name in sorted(found - set(modules)):
        yield f'{name}_test.cpp: not in the module list of tests/meson.build, so never run'
    for name in modules:
        path = unit_dir / f'{name}_test.cpp'
        if not path.exists():
            yield f'{path.name}: listed but missing'
            continue
        cases = CASE.findall(path.read_text(encoding='utf-8'))
        if not cases:
            yield f'{path.name}: no test case'
        for args in cases:
            if f'[{name}]' not in args:
                title = args.split(',')[0].strip()
                yield f'{path.name}: test case {title} lacks the tag [{name}]'


def main():
    unit_dir, modules = pathlib.Path(sys.argv[1]), sys.argv[2:]
    failures = list(problems(unit_dir, modules))
    for f in failures:
        print(f)
    print(f'{len(modules)} modules checked, {len(failures)} problems')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
