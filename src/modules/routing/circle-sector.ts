/** Angles are integers in [0, 65536): one turn. */
const TURN = 65536;

const mod = (x: number): number => ((x % TURN) + TURN) % TURN;

/**
 * The angular sector a route covers around the centre (as in Vidal's HGS-CVRP): grown point by point,
 * each time on the side that adds the smaller arc. Routes whose sectors do not overlap rarely gain
 * from exchanging visits, which is what lets SWAP* skip most route pairs.
 */
export class CircleSector {
  start = 0;
  end = 0;

  reset(angle: number): void {
    this.start = angle;
    this.end = angle;
  }

  extend(angle: number): void {
    if (this.contains(angle)) return;
    if (mod(angle - this.end) <= mod(this.start - angle)) this.end = angle;
    else this.start = angle;
  }

  contains(angle: number): boolean {
    return mod(angle - this.start) <= mod(this.end - this.start);
  }

  overlaps(o: CircleSector): boolean {
    return this.contains(o.start) || o.contains(this.start);
  }
}
