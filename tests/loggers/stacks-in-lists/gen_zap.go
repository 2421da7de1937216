// zap 1.23 (Debian): errorVerbose from pkg/errors and fmt.Errorf %w, stacktrace, encoder time variants, Named, With, Namespace, DPanic
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/pkg/errors"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

func connect() error { return errors.New("connection refused") }
func query() error   { return errors.Wrap(connect(), "query failed") }

func mk(mod func(*zapcore.EncoderConfig)) *zap.Logger {
	cfg := zap.NewProductionEncoderConfig()
	if mod != nil {
		mod(&cfg)
	}
	core := zapcore.NewCore(zapcore.NewJSONEncoder(cfg), zapcore.Lock(os.Stdout), zapcore.DebugLevel)
	return zap.New(core, zap.AddCaller(), zap.AddStacktrace(zapcore.ErrorLevel), zap.Development())
}

func main() {
	l := mk(nil).Named("app").Named("db")
	l.Error("query failed", zap.Error(query()), zap.Int("attempt", 3))
	l.Warn("wrapped with %w", zap.Error(fmt.Errorf("outer: %w", errors.New("inner"))))
	l.With(zap.String("request_id", "r1")).Info("with fields", zap.Namespace("http"), zap.Int("status", 200), zap.String("path", "/x"))
	l.Info("multi\nline", zap.String("q", "SELECT 1\nFROM t"), zap.Duration("took", 1500*time.Millisecond))
	l.Info("errors", zap.Errors("errs", []error{errors.New("a"), fmt.Errorf("b")}))
	func() { defer func() { recover() }(); l.DPanic("dpanic in development panics") }()
	mk(func(c *zapcore.EncoderConfig) { c.EncodeTime = zapcore.ISO8601TimeEncoder }).Info("iso8601")
	mk(func(c *zapcore.EncoderConfig) { c.EncodeTime = zapcore.RFC3339NanoTimeEncoder }).Info("rfc3339nano")
	mk(func(c *zapcore.EncoderConfig) { c.EncodeTime = zapcore.EpochNanosTimeEncoder }).Info("epoch nanos")
	mk(func(c *zapcore.EncoderConfig) { c.EncodeTime = zapcore.EpochMillisTimeEncoder }).Info("epoch millis")
	mk(func(c *zapcore.EncoderConfig) { c.EncodeLevel = zapcore.CapitalLevelEncoder; c.EncodeTime = zapcore.ISO8601TimeEncoder }).Warn("capital level")
	mk(func(c *zapcore.EncoderConfig) {
		c.TimeKey = "@timestamp"; c.LevelKey = "severity"; c.MessageKey = "message"; c.NameKey = "logger"; c.StacktraceKey = "stack_trace"; c.EncodeTime = zapcore.RFC3339TimeEncoder
	}).Named("gcp").Error("gcp style keys", zap.Error(query()))
	mk(func(c *zapcore.EncoderConfig) { c.EncodeDuration = zapcore.StringDurationEncoder }).Info("string duration", zap.Duration("took", 1500*time.Millisecond), zap.String("password", "hunter2"), zap.String("authorization", "Bearer abc"))
	l.Info("unicode ✓ 日本語 🔥")
	l.Sync()
}
