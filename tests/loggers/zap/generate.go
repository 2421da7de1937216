// zap's production configuration (JSON, epoch-seconds `ts`, `caller`, a `stacktrace` on error
// and above), opened to debug and written to stdout; a Named child logger, typed and nested
// fields, an error, and DPanic, which production logs without panicking. Fatal comes last: it
// exits.
package main

import (
	"errors"
	"fmt"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

type config struct {
	Region   string
	Replicas int
}

func (c config) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	enc.AddString("region", c.Region)
	enc.AddInt("replicas", c.Replicas)
	return nil
}

func chargeCard(amount int) error {
	return fmt.Errorf("charge card: %w", errors.New(fmt.Sprintf("payment declined for %d", amount)))
}

func placeOrder(id int) error { return chargeCard(id * 10) }

func main() {
	cfg := zap.NewProductionConfig()
	cfg.Level = zap.NewAtomicLevelAt(zap.DebugLevel)
	cfg.OutputPaths = []string{"stdout"}
	cfg.Sampling = nil
	base, err := cfg.Build()
	if err != nil {
		panic(err)
	}
	log := base.Named("app")
	http := log.Named("http")

	log.Debug("cache warmed")
	log.Info("service started", zap.Int("port", 8080), zap.Object("config", config{"eu-west-1", 3}))
	http.Info("request handled", zap.Any("req", map[string]string{"method": "GET", "path": "/orders/42"}), zap.Int("status", 200))
	log.Warn("slow response", zap.Int("duration_ms", 1250))
	if err := placeOrder(42); err != nil {
		http.Error("order failed", zap.Error(err), zap.Int("order_id", 42))
	}
	log.DPanic("invariant broken", zap.String("queue", "orders"))
	log.Fatal("shutting down")
}
