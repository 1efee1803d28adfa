#!/usr/bin/env python3
"""Writes the example sequence files of config/data (run from this folder; the output is committed).

Deterministic: the same files every run. Small on purpose (tens of KB) so config/sweeps/lstm-own-data.yaml runs in
about a minute on one core.
"""
import json
import math
import random

rng = random.Random(12)

# trial-log.txt: next-character prediction over log lines with a regular shape (a grammar an LSTM can learn).
sweeps = ["odyssey", "smoke", "curse", "shells"]
states = ["completed", "completed", "completed", "failed", "cancelled"]
with open("trial-log.txt", "w", encoding="utf-8", newline="\n") as f:
    for n in range(260):
        sweep = rng.choice(sweeps)
        state = rng.choice(states)
        loss = rng.randint(10, 99)
        f.write(f"trial {n} of {sweep}: {state}, loss 0.{loss}\n")

# oscillator.jsonl: regression; a damped oscillator's position, predict the next one at every step.
with open("oscillator.jsonl", "w", encoding="utf-8", newline="\n") as f:
    for n in range(120):
        omega = rng.uniform(0.3, 1.2)
        damping = rng.uniform(0.0, 0.15)
        phase = rng.uniform(0, 2 * math.pi)
        xs = [round(math.exp(-damping * t) * math.cos(omega * t + phase), 4) for t in range(17)]
        f.write(json.dumps({"inputs": xs[:-1], "targets": xs[1:]}, separators=(",", ":")) + "\n")

# sensor.csv: classification; per step, is the running sum of the readings so far above zero?
with open("sensor.csv", "w", encoding="utf-8", newline="\n") as f:
    f.write("sequence,reading,label\n")
    for n in range(120):
        total = 0.0
        for t in range(12):
            reading = round(rng.gauss(0, 1), 3)
            total += reading
            f.write(f"s{n},{reading},{1 if total > 0 else 0}\n")
