/**
 * Which URLs a report or the run index may turn into a link or an image: http(s), mailto,
 * relative and in-page links, and raster data: images. Anything else (javascript:, vbscript:,
 * data:text/html, file:, …) is shown as text, never followed.
 */

/** True when `href` is an http(s), mailto, relative or in-page link. */
export function isSafeLink(href: string): boolean {
  const scheme = schemeOf(href);
  return scheme === undefined || ["http", "https", "mailto"].includes(scheme);
}

/** True when `src` is an http(s) or relative image, or a PNG/JPEG/GIF/WebP data URL. */
export function isSafeImage(src: string): boolean {
  const scheme = schemeOf(src);
  if (scheme === undefined || scheme === "http" || scheme === "https") return true;
  return scheme === "data" && /^data:image\/(png|jpeg|gif|webp)[;,]/i.test(clean(src));
}

// Browsers drop tabs, newlines and leading controls/spaces from URLs and decode entities in
// attributes, so "java&#x09;script&colon;" is javascript: — compare what the browser will see.
function schemeOf(url: string): string | undefined {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(clean(url));
  return match ? match[1]!.toLowerCase() : undefined;
}

function clean(url: string): string {
  return (
    url
      .replace(/&#x([0-9a-f]+);?/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
      .replace(/&#(\d+);?/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
      .replace(/&colon;/gi, ":")
      .replace(/&tab;|&newline;/gi, "")
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0020\u007f]/g, "")
  );
}
