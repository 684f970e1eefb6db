from . import backend
from . import exception
from . import models
from . import units
from . import consumer
