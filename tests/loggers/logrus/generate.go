// logrus with JSONFormatter: `level`, `msg`, `time` (RFC 3339); a logger name carried as a
// field by a child entry, nested fields, and an error from github.com/pkg/errors: WithError
// writes its text in `error`; its stack, printed with %+v, goes in a `stack` field as a
// multi-line string, the common way to keep it. Fatal is logged with Log, which does not exit.
package main

import (
	"fmt"
	"os"

	"github.com/pkg/errors"
	"github.com/sirupsen/logrus"
)

func chargeCard(amount int) error {
	return errors.Errorf("payment declined for %d", amount)
}

func placeOrder(id int) error { return errors.Wrap(chargeCard(id*10), "place order") }

func main() {
	base := logrus.New()
	base.SetOutput(os.Stdout)
	base.SetFormatter(&logrus.JSONFormatter{})
	base.SetLevel(logrus.TraceLevel)
	log := base.WithField("logger", "app")
	http := log.WithField("logger", "app.http")

	log.Trace("entering main")
	log.Debug("cache warmed")
	log.WithFields(logrus.Fields{"port": 8080, "config": map[string]interface{}{"region": "eu-west-1", "replicas": 3}}).Info("service started")
	http.WithFields(logrus.Fields{"req": map[string]string{"method": "GET", "path": "/orders/42"}, "status": 200}).Info("request handled")
	log.WithField("duration_ms", 1250).Warn("slow response")
	if err := placeOrder(42); err != nil {
		http.WithError(err).WithField("stack", fmt.Sprintf("%+v", err)).WithField("order_id", 42).Error("order failed")
	}
	log.Log(logrus.FatalLevel, "shutting down")
}
