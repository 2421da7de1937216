// zerolog 1.26.1 (Debian): Stack() with pkgerrors, Err, time formats, sub-loggers, Dict, custom field names, caller, levels incl. trace/panic/no-level
package main

import (
	"os"
	"time"

	"github.com/pkg/errors"
	"github.com/rs/zerolog"
	"github.com/rs/zerolog/pkgerrors"
)

func connect() error { return errors.New("connection refused") }
func query() error   { return errors.Wrap(connect(), "query failed") }

func main() {
	zerolog.ErrorStackMarshaler = pkgerrors.MarshalStack
	zerolog.SetGlobalLevel(zerolog.TraceLevel)
	log := zerolog.New(os.Stdout).With().Timestamp().Str("service", "orders").Logger()
	log.Error().Stack().Err(query()).Int("order_id", 7).Msg("order failed")
	log.Error().Err(query()).Msg("err without Stack()")
	sub := log.With().Str("component", "app.http").Logger()
	sub.Warn().Dict("req", zerolog.Dict().Str("method", "GET").Int("status", 503)).Msg("sub logger")
	log.Trace().Msg("trace level")
	log.Log().Msg("no level (Log())")
	log.WithLevel(zerolog.PanicLevel).Msg("panic level without panicking")
	log.WithLevel(zerolog.FatalLevel).Msg("fatal level without exiting")
	log.Info().Caller().Msg("with caller")
	log.Info().Msg("multi\nline")
	log.Info().Errs("errs", []error{errors.New("e1"), errors.New("e2")}).Msg("errs array")
	for _, f := range []string{zerolog.TimeFormatUnix, zerolog.TimeFormatUnixMs, zerolog.TimeFormatUnixMicro, time.RFC3339Nano, time.RFC1123Z, "2006-01-02 15:04:05.000 -0700 MST"} {
		zerolog.TimeFieldFormat = f
		l2 := zerolog.New(os.Stdout).With().Timestamp().Logger()
		l2.Info().Str("fmt", f).Msg("time format")
	}
	zerolog.TimeFieldFormat = time.RFC3339
	zerolog.TimestampFieldName = "t"; zerolog.LevelFieldName = "lvl"; zerolog.MessageFieldName = "m"; zerolog.ErrorFieldName = "e"
	l3 := zerolog.New(os.Stdout).With().Timestamp().Logger()
	l3.Error().Stack().Err(query()).Msg("short keys")
	zerolog.LevelFieldName = "severity"; zerolog.MessageFieldName = "message"
	zerolog.LevelFieldMarshalFunc = func(l zerolog.Level) string { return map[zerolog.Level]string{zerolog.WarnLevel: "WARNING", zerolog.ErrorLevel: "ERROR"}[l] }
	l4 := zerolog.New(os.Stdout).With().Timestamp().Logger()
	l4.Warn().Msg("gcp severity")
}
