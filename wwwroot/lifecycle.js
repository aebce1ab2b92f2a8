// Small browser facts the server-rendered components need.
window.lifecycle = {
  // The viewer's IANA time zone, so times stored in UTC are shown in local time.
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
};
