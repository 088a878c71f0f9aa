#!/usr/bin/env node
import '../dist/claude-scope.js';
