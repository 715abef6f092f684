/**
 * `blob` as a `data:` URL for `<img src>`. Not an object URL: the app's
 * Content-Security-Policy allows images from `'self'` and `data:` only, so
 * a `blob:` URL would not be shown.
 */
export function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}
