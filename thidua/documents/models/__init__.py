from .certificates import *  # noqa: F403
from .templates import *  # noqa: F403
