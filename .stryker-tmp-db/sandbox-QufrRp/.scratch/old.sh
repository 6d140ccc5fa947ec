#!/bin/bash
# Runs the given test files against the code before this branch (106f463), then restores HEAD.
cd /work/wt/issue-15
git checkout 106f463 -- src migrations
rm -f migrations/0006-id-high-water.ts
npx vitest run "$@" 2>&1 | grep -E "×|Tests " 
git checkout HEAD -- src migrations
git status --short | grep -v scratch
