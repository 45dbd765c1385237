#!/usr/bin/env bash
# Lints (default) or formats (--fix) the Swift sources with the toolchain's swift-format and .swift-format.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--fix" ]; then
    exec swift format --in-place --recursive Sources Tests Package.swift
fi
exec swift format lint --recursive Sources Tests Package.swift
