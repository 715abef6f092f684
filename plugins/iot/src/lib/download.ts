/**
 * Saves `blob` as a download named `fileName`, the way a link with a
 * `download` attribute does.
 */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Revoked after the click has been handled, not while it is.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
