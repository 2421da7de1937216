// tracing-subscriber's JSON formatter, fmt().json(): `timestamp`, `level`, the message and
// fields under `fields`, the module or explicit target in `target`, and the open span (with its
// fields) in `span`/`spans`. tracing has no nested values; an error is recorded as a
// `dyn Error`, and a captured std backtrace as a multi-line string field. No fatal level.
use std::backtrace::Backtrace;
use std::fmt;

#[derive(Debug)]
struct Declined(u32);

impl fmt::Display for Declined {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "payment declined for {}", self.0)
    }
}

impl std::error::Error for Declined {}

#[inline(never)]
fn charge_card(amount: u32) -> Result<(), (Declined, Backtrace)> {
    Err((Declined(amount), Backtrace::force_capture()))
}

#[inline(never)]
fn place_order(id: u32) -> Result<(), (Declined, Backtrace)> {
    charge_card(id * 10)
}

fn main() {
    tracing_subscriber::fmt()
        .json()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(std::io::stdout)
        .init();

    tracing::trace!(target: "app", "entering main");
    tracing::debug!(target: "app", "cache warmed");
    tracing::info!(target: "app", port = 8080, config.region = "eu-west-1", config.replicas = 3, "service started");
    let span = tracing::info_span!(target: "app::http", "request", method = "GET", path = "/orders/42");
    let _entered = span.enter();
    tracing::info!(target: "app::http", status = 200, "request handled");
    tracing::warn!(target: "app", duration_ms = 1250, "slow response");
    if let Err((err, backtrace)) = place_order(42) {
        tracing::error!(
            target: "app::http",
            error = &err as &dyn std::error::Error,
            backtrace = %backtrace,
            order_id = 42,
            "order failed"
        );
    }
}
