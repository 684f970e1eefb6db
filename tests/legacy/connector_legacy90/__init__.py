# -*- coding: utf-8 -*-
import backend
import models
import units
import jobs
import consumer
