# -*- coding: utf-8 -*-
from . import backend
from . import models
from . import units
from . import consumer
