import type { SensitivitySpec } from "../../../src/sensitivity/levels.js";

const where: SensitivitySpec = { level: 3, categories: ["location"], reason: "precise location" };
const path: SensitivitySpec = { level: 3, categories: ["location"], reason: "precise locations along a route" };
const place: SensitivitySpec = { level: 3, categories: ["location"], reason: "a place the user went to" };
const wifi: SensitivitySpec = { level: 3, categories: ["location", "device"], reason: "Wi-Fi access points near the user, which locate them" };
const device: SensitivitySpec = { level: 1, categories: ["device"], reason: "the device that recorded the location" };

/** Field sensitivity shared by every location format: the same field names mean the same thing. */
export const locationSensitivity: Record<string, SensitivitySpec> = {
  location: where,
  points: { level: 3, categories: ["location"], reason: "precise locations, one after another" },
  start_location: where,
  end_location: where,
  inferred_location: where,
  other_candidates: place,
  place_id: place,
  start_place_id: place,
  end_place_id: place,
  address: { level: 3, categories: ["location", "contact"], reason: "address of a place the user went to" },
  name: { level: 2, categories: ["location"], reason: "name of a place the user went to" },
  semantic_type: { level: 3, categories: ["location"], reason: "home, work or another labelled place" },
  child_visits: place,
  waypoints: path,
  simplified_raw_path: path,
  transit_path: path,
  parking_event: where,
  destinations: place,
  trip: place,
  active_wifi_scan: wifi,
  location_metadata: wifi,
  access_points: wifi,
  devices_records: wifi,
  start_address: place,
  end_address: place,
  start_name: place,
  end_name: place,
  start_semantic_type: place,
  end_semantic_type: place,
  accuracy: { level: 1, categories: ["location"], reason: "how precise a location is, in metres" },
  altitude: { level: 2, categories: ["location"], reason: "altitude of the user" },
  source: device,
  device,
  platform_type: device,
  form_factor: device,
};
