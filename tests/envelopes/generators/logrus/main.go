// Writes logfmt with logrus's TextFormatter (colours off, full timestamps), as a service would.
// Build offline: GO111MODULE=off GOPATH=/usr/share/gocode go run main.go > ../../logfmt-logrus.log
package main

import (
	"errors"
	"os"
	"time"

	"github.com/sirupsen/logrus"
)

func main() {
	log := logrus.New()
	log.Out = os.Stdout
	log.Level = logrus.TraceLevel
	log.Formatter = &logrus.TextFormatter{DisableColors: true, FullTimestamp: true, TimestampFormat: time.RFC3339Nano}
	// A fixed clock, so the fixture is reproducible.
	at := time.Date(2024, 5, 1, 10, 0, 0, 123456789, time.UTC)
	entry := func(d time.Duration) *logrus.Entry { return log.WithTime(at.Add(d)) }
	entry(0).Info("server started")
	entry(time.Millisecond).WithFields(logrus.Fields{"path": "/api/orders", "status": 200, "took": 0.25}).Debug("request served")
	entry(2*time.Millisecond).WithField("component", "db").Warn("slow query: \"SELECT *\" took 2s")
	entry(3*time.Millisecond).WithError(errors.New("connection reset by peer")).Error("upstream failed")
	entry(4*time.Millisecond).WithField("multi", "line one\nline two").Trace("tracing detail")
}
