#!/bin/sh
# Install Pipeline Desktop from this unpacked tarball: for you alone (~/.local, the default) or,
# run as root, for everyone (/opt and /usr/local). Run again to update; --uninstall removes it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" = 0 ]; then
    apps=/opt/pipeline-desktop; prefix=/usr/local
else
    apps="$HOME/.local/lib/pipeline-desktop"; prefix="$HOME/.local"
fi
if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$apps" "$prefix/bin/pipeline-desktop" "$prefix/bin/pipeline-desktop-cli" \
        "$prefix/share/applications/pipeline-desktop.desktop" \
        "$prefix/share/metainfo/io.github.pipeline_desktop.PipelineDesktop.metainfo.xml"
    find "$prefix/share/icons/hicolor" -name 'pipeline-desktop.*' -delete 2>/dev/null || true
    echo "Pipeline Desktop removed (your pipelines and backups were not touched)."
    exit 0
fi
rm -rf "$apps"
mkdir -p "$apps" "$prefix/bin" "$prefix/share"
cp -a "$here/app/." "$apps/"
cp -a "$here/share/." "$prefix/share/"
ln -sf "$apps/pipeline-desktop" "$prefix/bin/pipeline-desktop"
ln -sf "$apps/pipeline-desktop-cli" "$prefix/bin/pipeline-desktop-cli"
command -v update-desktop-database >/dev/null && \
    update-desktop-database "$prefix/share/applications" 2>/dev/null || true
command -v gtk-update-icon-cache >/dev/null && \
    gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" 2>/dev/null || true
echo "Installed: run pipeline-desktop, or find Pipeline Desktop in your applications menu."
