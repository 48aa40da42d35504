"""
The anchor of issue 16: PyVRP 0.14 (an iterated local search grown out of the hybrid genetic search) on
one Solomon-format instance, one thread, for the benchmarks' `--anchor pyvrp`.
  python pyvrp-anchor.py <instance file> <seed> <seconds> [hierarchical|distance]
Hierarchical, as PyVRP can pursue it: its own fleet minimisation for half the budget, then its search at
that fleet for the rest (the split is our choice; PyVRP has no hierarchical objective, and its fleet
minimisation stops early only at the capacity bound). Distance: its search with every vehicle of the
instance available. Prints one JSON line: the routes as Solomon customer numbers, which the benchmark
re-checks with the independent checker, and PyVRP's iteration count.

Distances and times are scaled by 1,000 and rounded to integers, as PyVRP computes in integers (its
"exact" rounding); the checker re-evaluates the routes with exact double distances.
"""

import json
import sys
import time

import numpy as np
import vrplib
from pyvrp import minimise_fleet, solve
from pyvrp.read import ROUND_FUNCS, _InstanceParser, _ProblemDataBuilder
from pyvrp.stop import MaxRuntime


def read_solomon(path):
    # pyvrp.read() reads VRPLIB files only; its parser takes vrplib's Solomon reading once the two
    # fields VRPLIB files carry and Solomon files do not are added (private API, pinned to 0.14).
    instance = vrplib.read_instance(path, instance_format="solomon")
    instance["dimension"] = len(instance["demand"])
    instance["depot"] = np.array([0])
    parser = _InstanceParser(instance, ROUND_FUNCS["exact"])
    return _ProblemDataBuilder(parser).data()


def main():
    path, seed, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    objective = sys.argv[4] if len(sys.argv) > 4 else "hierarchical"
    data = read_solomon(path)
    started = time.perf_counter()
    if objective == "hierarchical":
        fleet = minimise_fleet(data, MaxRuntime(seconds / 2), seed=seed)
        data = data.replace(vehicle_types=[fleet])
    elif objective != "distance":
        sys.exit(f"objective: hierarchical or distance, not {objective}")
    rest = max(0.0, seconds - (time.perf_counter() - started))
    result = solve(data, stop=MaxRuntime(rest), seed=seed, collect_stats=False)
    # A client's index counts from the first client; Solomon numbers customers after the depot.
    routes = [
        [str(activity.idx + data.num_depots) for activity in route if activity.is_client()]
        for route in result.best.routes()
    ]
    print(json.dumps({"routes": routes, "iterations": result.num_iterations, "feasible": result.best.is_feasible()}))


if __name__ == "__main__":
    main()
