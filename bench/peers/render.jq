# The jq row of the benchmark: what a jq user writes to get a readable line per event,
# `[level] message key=value ...`, with the message taken from foundation's or pino's key.
# usage: jq -r -f bench/peers/render.jq FILE
def shown: if type == "string" then . else tojson end;
if type != "object" then tojson
else
  (.event // .msg // "") as $message
  | ([to_entries[] | select(.key | IN("level", "event", "msg", "timestamp", "time") | not)
      | "\(.key)=\(.value | shown)"] | join(" ")) as $rest
  | "[\(.level // "-" | shown)] \($message | shown) \($rest)"
end
