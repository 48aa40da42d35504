import type { CompiledProblem } from './compiled-problem.js';
import { Ejector } from './ejection.js';
import { LocalSearch } from './local-search.js';
import type { Random } from './random.js';
import { type GiveUp, Recreator } from './recreate.js';
import { Ruiner } from './ruin.js';
import { SolutionState } from './solution-state.js';
import { warpApplies } from './time-warp.js';
import { WarpRepair } from './warp-repair.js';

/** Share of the budget the hierarchical objective spends on removing routes before it polishes distance. */
const FLEET_SHARE = 0.5;
/**
 * Routes come off at ever longer intervals (on Solomon R1/RC1 the last one came at most about 15 times
 * the iteration of the one before), so once 20 times the iteration of the last removal has passed
 * without another, the rest of the fleet share is given to distance. Wide-window instances (R2, RC2)
 * reach their fleet in a few hundred iterations; at 50,000 iterations this lowered their gap at the
 * fleet from +3.7 % to +2.1 % (R2) and +4.9 % to +4.1 % (RC2) with every Solomon fleet unchanged.
 */
const FLEET_PATIENCE = 20;
const BLINK_RATE = 0.01;
/**
 * In the fleet phase, on instances of at least FOCUS_MIN_VISITS visits whose routes are short even at
 * the fewest routes their capacity allows (fewer than WARP_MIN_ROUTE_VISITS visits each: C1, R1, RC1),
 * this share of the ruins starts at a visit left out instead of a random one. A rebuild can only place
 * a left-out visit where the ruin made room, and at 400 visits a random ruin seldom lands near one: on
 * Gehring–Homberger C1 at 400 visits (15 s) it saved routes with each of three seeds (382 → 377,
 * 382 → 380, 381 → 379), at 1,000 visits (60 s) four on three C1 instances. On Solomon's 100 visits
 * it cost routes (279 → 283 on 36 runs of the instances with a hard fleet), and with long routes a
 * route on rc2_4_2 in two of two runs (bench/results/vrptw-scale.md).
 */
const FOCUS_MIN_VISITS = 200;
const FOCUS_RATE = 0.5;
/** Fleet-minimisation iterations without a complete solution before another route is tried. */
const FLEET_STALL_PER_VISIT = 100;
/** Simulated-annealing temperatures as multiples of the initial cost per visit. */
const T_START = 1;
const T_END = 0.01;
/**
 * The distance search cools this many times from T_START to T_END, each cycle restarting from the
 * best: one slow cooling settles in one basin long before its end (at 150,000 iterations Solomon
 * R202 found its last best 5,000 iterations into a 135,000-iteration distance phase, RC202 halfway),
 * and a restart searches again around the best with the heat that lets it leave that basin. On all
 * 56 Solomon instances at 150,000 iterations (seeds 1 and 2) it lowered the mean gap at the
 * best-known fleet from 1.25 % to 1.08 % and the distance-only gap from 0.32 % to 0.24 %; two and four
 * cycles did worse than three on a subset (bench/results/vrptw.md).
 */
const COOLING_CYCLES = 3;
/** Charge for an unplaced visit in the hierarchical distance phase, in the same unit. */
const DROP_CHARGE = 10;
/**
 * Charge for one route more than the best fleet in the hierarchical distance phase, in the same unit:
 * with the fleet capped, tight instances (Solomon C2) freeze; a spare route lets the search pass
 * through other route structures. On twelve Solomon instances at 50,000 iterations it lowered the mean
 * gap at the fleet from 3.1 % to 2.0 %; a charge of 50 gave the same routes.
 */
const ROUTE_CHARGE = 20;

/**
 * The hierarchical distance phase, at its fixed fleet, may pass through solutions that break time
 * windows (Vidal et al. 2013; PyVRP): the rebuild inserts a visit where it costs least counting a
 * penalty per unit of time warp, instead of leaving it out when no position is on time, and that
 * penalty adapts so that about WARP_TARGET of the rebuilds stay time-feasible: every WARP_WINDOW
 * rebuilds it is multiplied by WARP_STEP when fewer than WARP_TARGET - WARP_BAND were, and divided by
 * it when more than WARP_TARGET + WARP_BAND were. Every accepted warped rebuild is repaired
 * (`WarpRepair`), and only time-feasible solutions become best. On all 56 Solomon instances at
 * 150,000 iterations (seeds 1 and 2) it lowered the mean gap at the best-known fleet from 1.08 % to
 * 0.87 % (RC2 2.36 % to 1.28 %); for the distance objective it made the distance-only gap worse
 * (11 instances, seed 1: +0.16 % to +0.22 %, +0.70 % with the repair), so there windows stay hard
 * (bench/results/vrptw.md).
 */
const WARP_TARGET = 0.5;
const WARP_BAND = 0.1;
const WARP_WINDOW = 100;
const WARP_STEP = 1.3;
/**
 * The time warp is used only when the best fleet's routes hold this many visits on average. Routes of
 * tight-window instances (Solomon and Gehring–Homberger R1, RC1, C1: 8–11 visits) warp almost wherever
 * a visit goes and the repair almost never restores them (r1_4_1: 13 of 28,622 repairs); there the
 * warp made the distance at the fleet worse at 400 and 1,000 visits. Wide-window routes (C2, R2, RC2:
 * 30 visits and more) keep it. Measured in bench/results/vrptw.md and vrptw-scale.md.
 */
const WARP_MIN_ROUTE_VISITS = 20;
/**
 * The hierarchical distance search with hard windows (short routes: C1, R1, RC1) rebuilds by scanning
 * every route up to this many visits, not only the routes near a visit. At 400 visits that lowered the
 * gap at the fleet on R1 and RC1 from +3.73 to +3.27 % (15 s, seeds 1–2, 26 of 40 better), with 12–24 %
 * more iterations in the same time (short tight-window scans end early, and the near routes' collection
 * and second pass are saved), and on C1 from +3.84 to +3.39 % (seed 1). At 1,000 visits even the 400
 * nearest visits halved the iterations and did worse (+3.95 to +4.74 %); with the time warp (C2, R2,
 * RC2) it was mixed (bench/results/vrptw-scale.md). The limit between 400 and 1,000 is our choice.
 */
const FULL_SCAN_MAX_VISITS = 400;
/**
 * With the time warp (long routes: C2, R2, RC2) the distance search also polishes its working
 * solution, not only each new best, after every POLISH_PER_VISIT × visits accepted rebuilds, when it
 * keeps every window (`polishWorking`). A ruin of about ten visits re-sequences a few stretches of
 * routes of 50 visits; the polish's relocate, or-opt, 2-opt* and SWAP* reach the whole plan. At 400
 * visits (R2 and RC2, 15 s, seeds 3 and 4, side by side) it lowered the gap at the fleet from +2.95 to
 * +2.68 % with a fifth fewer iterations (a polish every 100 or 200 rebuilds: +2.74 and +2.71 %, with
 * fewer iterations still); on Solomon's C2, R2 and RC2 (5 s, seeds 1 and 2) from +1.24 to +0.93 %. With hard
 * windows (short routes) it did not pay: R1 and RC1 at 400 visits +2.28 → +2.45 % (seed 1), rc1_10_1
 * +3.61 → +4.37 % and +3.15 → +4.86 % at 60 s (bench/results/vrptw-scale.md).
 */
const POLISH_PER_VISIT = 1;
/** Starting penalty per unit of warp, in arc cost per unit of travel time. */
const WARP_START = 1;
/** The penalty stays within this factor of its start either way. */
const WARP_RANGE = 100;

export interface EngineLimits {
  /** Wall-clock budget; with a work budget it is only a safety stop. */
  readonly budgetMs: number;
  /** Work budget: when finite, the cooling follows iterations, not the clock, so a seed gives one answer. */
  readonly maxIterations: number;
  /**
   * Stop early once the fleet is at its lower bound (or the objective does not count vehicles) and
   * the best has not improved for this many iterations. Infinity: never.
   */
  readonly settleIterations: number;
}

/**
 * Ruin-and-recreate search (SISR) under simulated annealing. For the hierarchical objective it first
 * runs SISR's fleet minimisation: empty a route, then accept rebuilds that leave fewer (or
 * less often left-out) visits unplaced until all fit again.
 */
export class SearchEngine {
  readonly best: SolutionState;
  iterations = 0;
  /** The iteration of the last new best. */
  private improvedAt = 0;
  private current: SolutionState;
  private candidate: SolutionState;
  private readonly ruiner: Ruiner;
  /** Granular (`Recreator`): the repairs, and the distance search's rebuilds unless they scan every route. */
  private readonly recreator: Recreator;
  /**
   * Scans every route, as before the granular recreate. The fleet phase's rebuilds: on Gehring–Homberger
   * rc2_10_1 (60 s, three seeds) the granular one never reached the best-known 20 vehicles, the full
   * scan once. And the distance search's with hard windows up to FULL_SCAN_MAX_VISITS.
   */
  private readonly fullScanRecreator: Recreator;
  /** The recreator of the current phase: the fleet phase's, then the distance search's (`endFleetPhase`). */
  private rebuilder: Recreator;
  private readonly polish: LocalSearch;
  /** Accepted rebuilds between two polishes of the working solution (`polishWorking`); 0: never. */
  private polishPeriod = 0;
  private acceptedRebuilds = 0;
  /** Polishes of the working solution so far (a test checks where they happen). */
  workingPolishes = 0;
  /**
   * The hierarchical distance search with hard windows rebuilds with exchanges into full routes
   * (`Ejector`). On Gehring–Homberger C1, R1 and RC1 at 400 visits (seed 1, 15 s, side by side) it
   * lowered the gap at the fleet from +2.80 to +2.48 % (16 better, 10 worse) with 16 % fewer
   * iterations; at 600,000 iterations from +3.65 to +2.70 % (three ejections, all routes); on Solomon
   * R1, RC1 and C1 at 150,000 iterations from +0.74 to +0.41 % (bench/results/vrptw-scale.md).
   */
  private readonly ejector: Ejector;
  private routeCharge = 0;
  private readonly absences: Float64Array;
  /** The working solution's left-out visits, for the fleet phase's focused ruins (`randomLeftOut`). */
  private readonly leftOut: Int32Array;
  private fleetPhase: boolean;
  private costPhaseFrom = 0;
  private dropCharge = 0;
  private stall = 0;
  /** The distance search's current cooling cycle. */
  private cycle = 0;
  /** The iteration of the last route removed from the best. */
  private fleetImprovedAt = 0;
  private lastCleared = 0;
  private readonly stallLimit: number;
  private readonly startedAt = performance.now();
  private readonly tempBase: number;
  private readonly minRoutes: number;
  /** Whether the fleet phase's ruins may start at a left-out visit (FOCUS_RATE). */
  private readonly focusOnLeftOut: boolean;
  /** Penalty per unit of time warp in the distance search; Infinity while windows are hard. */
  private warpPenalty = Infinity;
  private warpStart = 1;
  private readonly warpAllowed: boolean;
  private readonly repair: WarpRepair;
  private readonly repaired: SolutionState;
  private rebuildsSeen = 0;
  private feasibleSeen = 0;
  /** The distance search accepts the rebuild under way only if its annealed cost stays below this. */
  private acceptBelow = Infinity;

  constructor(
    private readonly cp: CompiledProblem,
    initial: SolutionState,
    private readonly rng: Random,
    private readonly limits: EngineLimits,
  ) {
    this.warpAllowed = cp.objective === 'hierarchical' && warpApplies(cp);
    this.best = new SolutionState(cp, this.warpAllowed);
    this.current = new SolutionState(cp, this.warpAllowed);
    this.candidate = new SolutionState(cp, this.warpAllowed);
    this.repaired = new SolutionState(cp, this.warpAllowed);
    this.best.copyFrom(initial);
    this.current.copyFrom(initial);
    this.ruiner = new Ruiner(cp);
    this.recreator = new Recreator(cp);
    this.fullScanRecreator = new Recreator(cp, Infinity);
    this.rebuilder = cp.objective === 'hierarchical' ? this.fullScanRecreator : this.recreator;
    this.polish = new LocalSearch(cp);
    this.ejector = new Ejector(cp, this.recreator);
    this.repair = new WarpRepair(cp, this.recreator);
    this.absences = new Float64Array(cp.nVisits);
    this.leftOut = new Int32Array(cp.nVisits);
    this.tempBase = Math.max(initial.routeSum / Math.max(1, cp.nVisits), 1e-9);
    this.minRoutes = lowerBoundRoutes(cp);
    this.focusOnLeftOut = cp.nVisits >= FOCUS_MIN_VISITS && cp.nVisits < WARP_MIN_ROUTE_VISITS * this.minRoutes;
    this.fleetPhase = cp.objective === 'hierarchical';
    this.stallLimit = FLEET_STALL_PER_VISIT * Math.max(1, cp.nVisits);
  }

  /**
   * Fraction of the budget used, which drives the cooling and the fleet phase's share: iterations when
   * a work budget is set (the same answer on a busy machine as on a quiet one), else the clock.
   */
  progress(): number {
    if (Number.isFinite(this.limits.maxIterations)) return Math.min(1, this.iterations / this.limits.maxIterations);
    return Math.min(1, (performance.now() - this.startedAt) / this.limits.budgetMs);
  }

  /** Time warp of the working solution (a test watches the search pass through warped solutions). */
  get workingWarp(): number {
    return this.current.warpSum;
  }

  /** Whether the current phase's rebuilds scan every route (FULL_SCAN_MAX_VISITS), not only the near ones. */
  get rebuildScansEveryRoute(): boolean {
    return this.rebuilder.scansEveryRoute;
  }

  /** True while the hierarchical objective is still removing routes. */
  get searchingFleet(): boolean {
    return this.fleetPhase;
  }

  get done(): boolean {
    return this.progress() >= 1 || performance.now() - this.startedAt >= this.limits.budgetMs || this.settled();
  }

  /** Nothing left to gain that is worth the wait: no route to remove and no recent improvement. */
  private settled(): boolean {
    if (this.iterations - this.improvedAt < this.limits.settleIterations) return false;
    return this.cp.objective !== 'hierarchical' || this.best.usedRoutes() <= this.minRoutes;
  }

  /** Runs iterations until `untilMs` (performance.now time) or the budget is used; true if improved. */
  run(untilMs: number): boolean {
    let improved = false;
    while (performance.now() < untilMs) {
      const frac = this.progress();
      if (frac >= 1) break;
      if (this.fleetPhase && this.fleetSettled(frac)) this.endFleetPhase(frac);
      const step = this.fleetPhase ? this.fleetStep() : this.costStep(frac);
      this.iterations++;
      if (step) this.improvedAt = this.iterations;
      improved = step || improved;
      if (this.settled()) break;
    }
    return improved;
  }

  /** The fleet phase ends at its share of the budget, at the lower bound, or when removals have dried up. */
  private fleetSettled(frac: number): boolean {
    if (frac >= FLEET_SHARE || this.best.usedRoutes() <= this.minRoutes) return true;
    const patience = Math.max(this.stallLimit, FLEET_PATIENCE * this.fleetImprovedAt);
    return this.iterations - this.fleetImprovedAt > patience;
  }

  private endFleetPhase(frac: number): void {
    this.fleetPhase = false;
    this.costPhaseFrom = frac;
    this.current.copyFrom(this.best);
    this.dropCharge = this.tempBase * DROP_CHARGE;
    this.routeCharge = this.tempBase * ROUTE_CHARGE;
    this.startWarp();
    if (this.warpPenalty !== Infinity) this.polishPeriod = Math.max(1, Math.round(POLISH_PER_VISIT * this.cp.nVisits));
    this.rebuilder = this.warpPenalty === Infinity && this.cp.nVisits <= FULL_SCAN_MAX_VISITS ? this.fullScanRecreator : this.recreator;
    if (this.polish.run(this.current)) this.best.copyFrom(this.current);
  }

  /**
   * The distance phase starts with windows soft, at one unit of arc cost per unit of warp (by time),
   * when the fleet's routes are long enough for the warp to pay (WARP_MIN_ROUTE_VISITS).
   */
  private startWarp(): void {
    if (!this.warpAllowed || this.cp.nVisits < WARP_MIN_ROUTE_VISITS * this.best.usedRoutes()) return;
    this.warpStart = WARP_START * costPerTime(this.cp);
    this.warpPenalty = this.warpStart;
  }

  /** Counts whether a rebuild kept every window and, every WARP_WINDOW rebuilds, adapts the penalty. */
  private registerRebuild(feasible: boolean): void {
    this.rebuildsSeen++;
    if (feasible) this.feasibleSeen++;
    if (this.rebuildsSeen < WARP_WINDOW) return;
    const share = this.feasibleSeen / this.rebuildsSeen;
    if (share < WARP_TARGET - WARP_BAND) this.warpPenalty = Math.min(this.warpPenalty * WARP_STEP, this.warpStart * WARP_RANGE);
    else if (share > WARP_TARGET + WARP_BAND) this.warpPenalty = Math.max(this.warpPenalty / WARP_STEP, this.warpStart / WARP_RANGE);
    this.rebuildsSeen = 0;
    this.feasibleSeen = 0;
  }

  /**
   * Cost the annealing compares. In the hierarchical distance phase the fleet is fixed and a visit
   * that does not fit is charged only moderately, so the search can pass through partial solutions
   * (capacity-tight instances need that room); only complete solutions become best. Time warp is
   * charged at the adaptive penalty.
   */
  private annealCost(s: SolutionState): number {
    const warp = this.warpPenalty === Infinity || s.warpSum <= 0 ? 0 : this.warpPenalty * s.warpSum;
    if (this.dropCharge === 0) return s.total + warp;
    return chargedCost(s, warp, s.unassignedCount(), this.dropCharge, this.routeCharge, this.best.used);
  }

  /** Rebuilds the working solution into the candidate; false when `giveUp` stopped it unfinished. */
  private rebuild(maxRoutes: number, warpPenalty = Infinity, giveUp?: GiveUp): boolean {
    const cand = this.candidate;
    cand.copyFrom(this.current);
    this.ruiner.run(cand, this.rng, this.fleetPhase && this.focusOnLeftOut && this.rng.next() < FOCUS_RATE ? this.randomLeftOut(cand) : -1);
    // Everything unplaced is re-inserted: the removed strings and visits left out earlier.
    const list = this.ruiner.list;
    const count = cand.leftOutInto(list);
    const ejector = !this.fleetPhase && this.dropCharge > 0 && warpPenalty === Infinity ? this.ejector : undefined;
    this.ejector.fleet = this.best.used;
    return this.rebuilder.run(cand, list, count, this.rng, maxRoutes, BLINK_RATE, warpPenalty, giveUp, ejector) >= 0;
  }

  /** A random visit that `s` leaves out, or -1 when it places all. */
  private randomLeftOut(s: SolutionState): number {
    const count = s.leftOutInto(this.leftOut);
    return count === 0 ? -1 : this.leftOut[this.rng.int(count)]!;
  }

  /**
   * True once a hierarchical rebuild with hard windows costs at least `acceptBelow` however it ends:
   * an insertion never shortens the plan (triangle inequality), and visits left out and a spare route
   * opened stay charged, so the cost so far only grows. An exchange (`Ejector`) can shorten it by what
   * the visit taken out saved, and on a road matrix that breaks the triangle inequality an insertion
   * can too; then this may drop a rebuild that would have been accepted, never one that breaks a window.
   */
  private readonly cannotBeAccepted: GiveUp = (s, failed) => chargedCost(s, 0, failed, this.dropCharge, this.routeCharge, this.best.used) >= this.acceptBelow;

  /**
   * Annealing temperature at budget fraction `frac`: the distance search cools in COOLING_CYCLES
   * cycles, and each new cycle restarts from the best (`costStep`).
   */
  temperature(frac: number): number {
    const within = this.searchProgress(frac) * COOLING_CYCLES - this.cycleAt(frac);
    return this.tempBase * T_START * Math.pow(T_END / T_START, within);
  }

  private cycleAt(frac: number): number {
    return Math.min(COOLING_CYCLES - 1, Math.floor(this.searchProgress(frac) * COOLING_CYCLES));
  }

  /** Fraction of the distance search done; the hierarchical objective's starts after its fleet phase. */
  private searchProgress(frac: number): number {
    return this.cp.objective === 'hierarchical' ? (frac - this.costPhaseFrom) / (1 - this.costPhaseFrom) : frac;
  }

  /** Simulated annealing's threshold: the working solution's cost plus a random allowance at `temp`. */
  private drawThreshold(temp: number): void {
    this.acceptBelow = this.annealCost(this.current) - temp * Math.log(this.rng.next());
  }

  private costStep(frac: number): boolean {
    const cycle = this.cycleAt(frac);
    if (cycle !== this.cycle) {
      this.cycle = cycle;
      this.current.copyFrom(this.best);
    }
    const temp = this.temperature(frac);
    // Hierarchical: with hard windows one spare route, charged in annealCost (isBetter never lets it
    // into the best); with soft windows the warp gives that room instead (on RC202 the working solution
    // otherwise sat on the spare route most of the phase).
    const spare = this.warpPenalty === Infinity ? 1 : 0;
    // Hierarchical with hard windows: the acceptance threshold is drawn first, so that the rebuild can
    // stop once it can no longer get below it (`cannotBeAccepted`); on Gehring–Homberger R1 and RC1 at
    // 400 visits that gave about 20 % more iterations in 15 s. With the time warp every rebuild runs to
    // its end, as the warp penalty adapts to the share of time-feasible rebuilds, which a stopped one
    // does not tell (stopping there made R2 and RC2 at 400 visits worse, +3.51 to +4.44 %); there, and
    // for the distance objective, the threshold is drawn after the rebuild and the penalty's
    // adaptation, as before, so those plans are unchanged.
    const stopEarly = this.dropCharge > 0 && this.warpPenalty === Infinity;
    if (stopEarly) this.drawThreshold(temp);
    if (!this.rebuild(this.dropCharge === 0 ? Infinity : this.best.used + spare, this.warpPenalty, stopEarly ? this.cannotBeAccepted : undefined)) return false;
    if (this.warpPenalty !== Infinity) this.registerRebuild(this.candidate.timeFeasible());
    if (!stopEarly) this.drawThreshold(temp);
    if (this.annealCost(this.candidate) < this.acceptBelow) {
      this.swap();
      if (this.current.warpSum > 0 && this.tryRepair()) return true;
      if (this.polishWorking()) return true;
      if (this.isBetter(this.current, this.best)) {
        // Each new best is polished; polishing every rebuild cost about 50 times the CPU per iteration
        // (with the time warp the working solution is also polished now and then, `polishWorking`).
        this.polish.run(this.current);
        this.best.copyFrom(this.current);
        return true;
      }
    }
    return false;
  }

  /**
   * An accepted rebuild that warps time is repaired; when the repair keeps every visit, the search
   * continues from the repaired solution, which becomes the best (polished) when it beats it. Repairing
   * only the rebuilds shorter than the best left the working solution warped for long stretches and
   * did worse (+2.28 % against +1.86 % at the fleet on the 11 instances, seed 1).
   */
  private tryRepair(): boolean {
    const cur = this.current;
    if (cur.timeFeasible()) return false;
    const fixed = this.repaired;
    fixed.copyFrom(cur);
    if (!this.repair.run(fixed, this.rng, this.best.used)) return false;
    cur.copyFrom(fixed);
    if (!this.isBetter(fixed, this.best)) return false;
    this.polish.run(cur);
    this.best.copyFrom(cur);
    return true;
  }

  /** Every `polishPeriod` accepted rebuilds, polishes the working solution when it keeps every window; true on a new best. */
  private polishWorking(): boolean {
    if (this.polishPeriod === 0 || ++this.acceptedRebuilds % this.polishPeriod !== 0) return false;
    const cur = this.current;
    if (!cur.timeFeasible()) return false;
    this.workingPolishes++;
    // A working solution that already beats the best becomes it here, polished or not: the caller
    // would otherwise polish it a second time for nothing.
    this.polish.run(cur);
    if (!this.isBetter(cur, this.best)) return false;
    this.best.copyFrom(cur);
    return true;
  }

  private fleetStep(): boolean {
    // Any vehicle may take part (fleets can be mixed), as long as one route fewer than the best is used.
    this.rebuild(this.best.used - 1);
    const cand = this.candidate;
    const cur = this.current;
    const candOut = cand.unassignedCount();
    if (candOut < cur.unassignedCount() || this.absenceSum(cand) <= this.absenceSum(cur)) this.swap();
    const now = this.current;
    for (let i = 0; i < now.unassignedCount(); i++) this.absences[now.unplaced[i]!]! += 1;
    if (now.unassignedCount() > 0) {
      // A removal can be hopeless (a visit that only fits in the emptied route): retry another one.
      if (++this.stall >= this.stallLimit) {
        this.stall = 0;
        now.copyFrom(this.best);
        now.clearRoute(this.nextRoute(now));
      }
      return false;
    }
    this.stall = 0;
    const improved = this.isBetter(now, this.best);
    if (improved && now.used < this.best.used) this.fleetImprovedAt = this.iterations;
    if (improved) this.best.copyFrom(now);
    if (now.used > this.minRoutes) now.clearRoute(this.smallestRoute(now));
    return improved;
  }

  private smallestRoute(s: SolutionState): number {
    let best = -1;
    const start = this.rng.int(this.cp.nVehicles);
    for (let k = 0; k < this.cp.nVehicles; k++) {
      const r = (start + k) % this.cp.nVehicles;
      if (s.len[r]! > 0 && (best < 0 || s.len[r]! < s.len[best]!)) best = r;
    }
    this.lastCleared = best;
    return best;
  }

  /** The next non-empty route after the one emptied last, so retries cycle through all routes. */
  private nextRoute(s: SolutionState): number {
    let r = (this.lastCleared + 1) % this.cp.nVehicles;
    while (s.len[r] === 0) r = (r + 1) % this.cp.nVehicles;
    this.lastCleared = r;
    return r;
  }

  private absenceSum(s: SolutionState): number {
    let sum = 0;
    // Whole counts, so the sum is exact in any order.
    for (let i = 0; i < s.unassignedCount(); i++) sum += this.absences[s.unplaced[i]!]!;
    return sum;
  }

  private swap(): void {
    const t = this.current;
    this.current = this.candidate;
    this.candidate = t;
  }

  /** Whether `a` may replace the best `b`: only a time-feasible solution may. */
  isBetter(a: SolutionState, b: SolutionState): boolean {
    if (a.warpSum > 0 && !a.timeFeasible()) return false;
    if (this.cp.objective !== 'hierarchical') return a.total < b.total - 1e-9;
    if (Math.abs(a.penaltySum - b.penaltySum) > 1e-3) return a.penaltySum < b.penaltySum;
    const ra = a.usedRoutes();
    const rb = b.usedRoutes();
    return ra !== rb ? ra < rb : a.routeSum < b.routeSum - 1e-9;
  }
}

/**
 * The hierarchical distance phase's cost: the plan's cost, the charge for its time warp, one per visit
 * left out (`left`) and one per route beyond the best fleet. A rebuild under way passes the visits it
 * could not place so far; the annealing, every visit unplaced.
 */
export function chargedCost(s: SolutionState, warpCharge: number, left: number, dropCharge: number, routeCharge: number, bestFleet: number): number {
  return s.routeSum + warpCharge + dropCharge * left + routeCharge * Math.max(0, s.used - bestFleet);
}

/** Mean arc cost per unit of travel time between visits, so the warp penalty has the cost's unit. */
function costPerTime(cp: CompiledProblem): number {
  let cost = 0;
  let time = 0;
  for (let a = 0; a < cp.nVisits; a++) {
    for (let b = 0; b < cp.nVisits; b++) {
      cost += cp.cost[a * cp.nNodes + b]!;
      time += cp.time[a * cp.nNodes + b]!;
    }
  }
  return time > 0 && cost > 0 ? cost / time : 1;
}

/** Routes needed by capacity alone; fleet minimisation stops there. */
function lowerBoundRoutes(cp: CompiledProblem): number {
  let demand = 0;
  let cap = 0;
  for (let u = 0; u < cp.nVisits; u++) demand += cp.demand[u]!;
  for (let r = 0; r < cp.nVehicles; r++) cap = Math.max(cap, cp.capacity[r]!);
  return cap === Infinity || cap <= 0 ? 1 : Math.max(1, Math.ceil(demand / cap - 1e-9));
}
