/**
 * Average weights (kg) per machine type, used to estimate what refurbishment keeps out of
 * waste (the site plugin's impact figures, the reporting plugin's WEEE report). Orders of
 * magnitude (a desktop tower 7 to 10 kg, a laptop 2 to 3 kg, a flat screen 4 to 6 kg), not
 * checked against a published source: documented in docs/site.md, change both together.
 */
export const WEIGHTS_KG: Record<string, number> = {
  desktop: 8,
  laptop: 2.5,
  all_in_one: 10,
  server: 15,
  screen: 5,
  other: 3,
};
