/** The catalogue: the single source of every event, field and enumeration. */
export * from './enums';
export * from './kinds';
export * from './fields';
export * from './events';
