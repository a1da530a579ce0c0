@echo off
rem Shell completion for `kubectl skupper` (kubectl 1.26 and later): kubectl runs this with the
rem words after `kubectl skupper`; the executable beside this file answers to `__complete`.
"%~dp0kubectl-skupper.exe" __complete %*
