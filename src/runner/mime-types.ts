/** MIME types the runner gives a meaning to. */

/** The MIME type of a metric published with `publish(name, value)`. */
export const PUBLISH_MIME = "application/vnd.powerflow.publish+json";
/** The MIME type of a Plotly figure (`{ data, layout, config }`). */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";
