from . import exception
from . import connector
from . import backend
from . import session
from . import event
from . import controllers
from . import models
