// zerolog: JSON with a `time` field, a `logger` field from the context, a sub-logger, nested
// dictionaries, and an error from github.com/pkg/errors logged with .Stack() and
// pkgerrors.MarshalStack, which writes `stack` as a list of {func, line, source} frames.
// Fatal and panic are logged with WithLevel, which records them without exiting.
package main

import (
	"os"

	"github.com/pkg/errors"
	"github.com/rs/zerolog"
	"github.com/rs/zerolog/pkgerrors"
)

func chargeCard(amount int) error {
	return errors.Errorf("payment declined for %d", amount)
}

func placeOrder(id int) error { return errors.Wrap(chargeCard(id*10), "place order") }

func main() {
	zerolog.ErrorStackMarshaler = pkgerrors.MarshalStack
	zerolog.SetGlobalLevel(zerolog.TraceLevel)
	log := zerolog.New(os.Stdout).With().Timestamp().Str("logger", "app").Logger()
	http := log.With().Str("logger", "app.http").Logger()

	log.Trace().Msg("entering main")
	log.Debug().Msg("cache warmed")
	log.Info().Int("port", 8080).Dict("config", zerolog.Dict().Str("region", "eu-west-1").Int("replicas", 3)).Msg("service started")
	http.Info().Dict("req", zerolog.Dict().Str("method", "GET").Str("path", "/orders/42")).Int("status", 200).Msg("request handled")
	log.Warn().Int("duration_ms", 1250).Msg("slow response")
	if err := placeOrder(42); err != nil {
		http.Error().Stack().Err(err).Int("order_id", 42).Msg("order failed")
	}
	log.WithLevel(zerolog.FatalLevel).Msg("shutting down")
	log.WithLevel(zerolog.PanicLevel).Msg("state corrupted")
}
