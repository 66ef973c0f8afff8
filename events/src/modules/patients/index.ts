/** The patients module's event definitions (filled in as schemas are added). */
export const patientsEvents = [] as const;
