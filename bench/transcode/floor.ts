// The floor of the one-pass ladder against one process per rung. A single command still decodes the source
// once and still runs every rung's encoder: it saves only the decodes the per-rung processes repeat. In CPU
// seconds (wall seconds hide how busy the cores were): a rung's encode is its process's CPU less that of a
// decode-only run; the floor is one decode plus every encode, spread over every core with none idle.

export interface Timing {
  wall: number;
  /** User and system seconds of the processes it ran. */
  cpu: number;
}

export interface FloorFigures {
  /** The source's video decoded and thrown away. */
  decodeCpu: number;
  /** Each process of (b) one after another: the video rungs, lowest first, then the audio. */
  perProcessCpu: number[];
  rungNames: string[];
  cores: number;
  /** Wall seconds of the faster (b). */
  bestPerRung: number;
  /** (a): the one-pass ladder. */
  ours: Timing;
}

/** Prints where (a) stands against its floor; returns the floor as a ratio to the faster (b). */
export function printFloor(figures: FloorFigures): number {
  const { decodeCpu, perProcessCpu, rungNames, cores, bestPerRung, ours } = figures;
  const encodes = perProcessCpu.map((cpu, index) =>
    index < rungNames.length ? Math.max(0, cpu - decodeCpu) : cpu,
  );
  const floorCpu = decodeCpu + encodes.reduce((sum, cpu) => sum + cpu, 0);
  const floorWall = floorCpu / cores;
  const perRungCpu = perProcessCpu.reduce((sum, cpu) => sum + cpu, 0);
  const decodes = rungNames.length * decodeCpu;
  const list = encodes.map((cpu, index) => `${rungNames[index] ?? 'audio'} ${cpu.toFixed(1)}`).join(', ');
  const percent = (part: number, whole: number) => `${Math.round((100 * part) / whole)} %`;
  console.log(
    `  decode share of (b)       ${rungNames.length} decodes × ${decodeCpu.toFixed(1)} CPU s = ` +
      `${percent(decodes, perRungCpu)} of its ${perRungCpu.toFixed(1)} CPU s`,
  );
  console.log(`  encodes alone, CPU s      ${list}`);
  console.log(
    `  floor (a)/(b) best        ${(floorWall / bestPerRung).toFixed(2)}   one decode + every encode = ` +
      `${floorCpu.toFixed(1)} CPU s, ${floorWall.toFixed(1)} s on ${cores} cores`,
  );
  console.log(
    `  (a) against its floor     ${(ours.wall / floorWall).toFixed(2)}×   ${ours.cpu.toFixed(1)} CPU s ` +
      `(${percent(ours.cpu, floorCpu)} of the floor's), cores ${percent(ours.cpu, ours.wall * cores)} busy`,
  );
  // Wall seconds stretch when other work takes the cores; CPU seconds hardly do.
  console.log(
    `  (a)/(b) in CPU seconds    ${(ours.cpu / perRungCpu).toFixed(2)}   floor ${(floorCpu / perRungCpu).toFixed(2)}` +
      '   (other work on the machine hardly moves these)',
  );
  return floorWall / bestPerRung;
}
