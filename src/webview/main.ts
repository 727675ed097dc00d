// Placeholder until the timeline page lands (issue 4).
export {};
