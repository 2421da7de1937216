// zerolog 1.26.1: the README's "Customize automatic field names" example (t, l, m)
package main

import (
	"errors"
	"os"

	"github.com/rs/zerolog"
)

func main() {
	zerolog.TimestampFieldName = "t"
	zerolog.LevelFieldName = "l"
	zerolog.MessageFieldName = "m"
	log := zerolog.New(os.Stdout).With().Timestamp().Logger()
	log.Info().Msg("hello world")
	log.Error().Err(errors.New("boom")).Msg("it failed")
	log.Debug().Msg("debugging")
}
