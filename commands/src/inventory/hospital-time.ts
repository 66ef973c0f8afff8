/**
 * The hospital's time zone, which turns "now" into the local date expiry rules compare with.
 *
 * Until the hospitals module's settings port (`loadHospitalSettings`) is on main, every hospital
 * uses this documented default; the edge (toCommand, the sweep job) calls this one function, so
 * swapping it for the settings in force changes nothing else.
 */
export const DEFAULT_HOSPITAL_TIME_ZONE = 'UTC';

export const hospitalTimeZone = (_hospitalId: string): string => DEFAULT_HOSPITAL_TIME_ZONE;
