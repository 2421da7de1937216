// Writes logfmt with go-kit's log.NewLogfmtLogger and its level package, as a service would.
// Build offline: GO111MODULE=off GOPATH=/usr/share/gocode go run main.go > ../../logfmt-gokit.log
package main

import (
	"os"
	"time"

	"github.com/go-kit/log"
	"github.com/go-kit/log/level"
)

func main() {
	at := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	n := 0
	// A fixed clock, so the fixture is reproducible.
	clock := log.Valuer(func() interface{} { n++; return at.Add(time.Duration(n) * time.Millisecond).Format(time.RFC3339Nano) })
	logger := log.With(log.NewLogfmtLogger(os.Stdout), "ts", clock, "caller", log.DefaultCaller)
	level.Info(logger).Log("msg", "listening", "addr", ":8080")
	level.Debug(logger).Log("msg", "config loaded", "path", "/etc/app.toml", "entries", 12)
	level.Warn(log.With(logger, "component", "cache")).Log("msg", "eviction storm", "evicted", 5000)
	level.Error(logger).Log("msg", "request failed", "err", "dial tcp 10.0.0.1:5432: connect: connection refused")
}
