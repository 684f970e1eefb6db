# -*- coding: utf-8 -*-
from . import backend
from . import binding
from . import queue_job
