/** The admissions module's event definitions (filled in as schemas are added). */
export const admissionsEvents = [] as const;
