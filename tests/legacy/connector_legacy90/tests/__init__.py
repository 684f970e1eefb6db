# -*- coding: utf-8 -*-
import test_legacy90
