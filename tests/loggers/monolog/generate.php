<?php
// Monolog 2 with its JsonFormatter, as its documentation sets it up for JSON lines, stack
// traces included: `message`, `context`, `level` (a number on Monolog's own scale, 100 DEBUG to
// 600 EMERGENCY), `level_name`, `channel`, `datetime`, `extra`. A channel is Monolog's logger
// name; `withName` gives the child's. The exception lands in `context.exception` as an object
// whose `trace` lists the frames. Monolog has more levels than the story: notice and alert too.
require '/usr/share/php/Monolog/autoload.php';

use Monolog\Formatter\JsonFormatter;
use Monolog\Handler\StreamHandler;
use Monolog\Logger;

function charge_card(int $amount): void
{
    throw new RuntimeException("payment declined for $amount");
}

function place_order(int $id): void
{
    try {
        charge_card($id * 10);
    } catch (RuntimeException $e) {
        throw new LogicException("order $id not placed", 0, $e);
    }
}

$handler = new StreamHandler('php://stdout', Logger::DEBUG);
$handler->setFormatter(new JsonFormatter(JsonFormatter::BATCH_MODE_NEWLINES, true, false, true));
$log = new Logger('app', [$handler]);
$http = $log->withName('app.http');

$log->debug('cache warmed');
$log->info('service started', ['port' => 8080, 'config' => ['region' => 'eu-west-1', 'replicas' => 3]]);
$http->info('request handled', ['req' => ['method' => 'GET', 'path' => '/orders/42'], 'status' => 200]);
$log->notice('config reloaded');
$log->warning('slow response', ['duration_ms' => 1250]);
try {
    place_order(42);
} catch (LogicException $e) {
    $http->error('order failed', ['order_id' => 42, 'exception' => $e]);
}
$log->critical('disk full');
$log->alert('replica lost');
$log->emergency('shutting down');
