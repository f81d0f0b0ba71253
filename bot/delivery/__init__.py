"""The one delivery engine: everything sent to many chats goes through the outbox and this."""

from bot.delivery.engine import DeliveryEngine, DeliveryLimits
from bot.delivery.outbox import Outbox

__all__ = ["DeliveryEngine", "DeliveryLimits", "Outbox"]
