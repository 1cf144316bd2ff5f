#!/usr/bin/env bash
# Copies routes/ into the kustomize base so the ConfigMap carries the current route files.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p k8s/base/routes
cp routes/*.camel.yaml k8s/base/routes/
