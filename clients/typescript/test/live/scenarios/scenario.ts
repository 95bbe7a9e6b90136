import type { World } from "../world.js";

/**
 * The live calls of one operation: each calls it at least once without its optional arguments and once with all of
 * them (operations.live.ts checks both from the recorded requests), and checks the typed result or typed problem.
 */
export type Scenario = (world: World) => Promise<void>;
