// zap 1.23 production JSON: fields named `time` (a duration in seconds) and `name` beside zap's own ts/logger
package main

import "go.uber.org/zap"

func main() {
	l, _ := zap.NewProduction()
	l.Named("worker").Info("batch done", zap.Float64("time", 3.2), zap.Int("items", 40))
	l.Info("user created", zap.String("name", "Alice"))
	l.Sync()
}
