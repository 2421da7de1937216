"""What every Python fixture logs (README.md): the fields of its events, and an order whose card
charge raises two calls deep, so that the traceback has frames of its own to show."""

STARTED = {"port": 8080, "config": {"region": "eu-west-1", "replicas": 3}}
REQUEST = {"method": "GET", "path": "/orders/42"}
SLOW = {"duration_ms": 1250}


def charge_card(amount):
    raise ValueError(f"payment declined for {amount}")


def place_order(order_id):
    charge_card(order_id * 10)
