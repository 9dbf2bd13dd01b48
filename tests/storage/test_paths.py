"""The data folder on each system, worked out without Qt: every branch checked here by
simulation (the platform, environment and home folder are arguments)."""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

from pipeline_desktop import APP_NAME, ORG_NAME, paths
from pipeline_desktop.paths import ENV_DATA_DIR, data_dir_for


def test_windows_uses_the_roaming_application_data_folder() -> None:
    env = {"APPDATA": r"C:\Users\ana\AppData\Roaming"}
    assert data_dir_for("win32", env, r"C:\Users\ana") == PureWindowsPath(
        r"C:\Users\ana\AppData\Roaming\PipelineDesktop\Pipeline Desktop")
    assert data_dir_for("win32", {}, r"C:\Users\ana") == PureWindowsPath(
        r"C:\Users\ana\AppData\Roaming\PipelineDesktop\Pipeline Desktop")


def test_macos_uses_application_support() -> None:
    assert data_dir_for("darwin", {"XDG_DATA_HOME": "/elsewhere"}, "/Users/ana") == \
        PurePosixPath("/Users/ana/Library/Application Support/PipelineDesktop/Pipeline Desktop")


def test_linux_follows_xdg_data_home() -> None:
    assert data_dir_for("linux", {}, "/home/ana") == \
        PurePosixPath("/home/ana/.local/share/PipelineDesktop/Pipeline Desktop")
    assert data_dir_for("linux", {"XDG_DATA_HOME": "/data/ana"}, "/home/ana") == \
        PurePosixPath("/data/ana/PipelineDesktop/Pipeline Desktop")
    assert data_dir_for("linux", {"XDG_DATA_HOME": "relative"}, "/home/ana") == \
        PurePosixPath("/home/ana/.local/share/PipelineDesktop/Pipeline Desktop")


def test_the_environment_variable_moves_it_everywhere() -> None:
    assert data_dir_for("win32", {ENV_DATA_DIR: r"D:\Pipelines"}, r"C:\Users\ana") == \
        PureWindowsPath(r"D:\Pipelines")
    assert data_dir_for("darwin", {ENV_DATA_DIR: "~/Pipelines"}, "/Users/ana") == \
        PurePosixPath("/Users/ana/Pipelines")


def test_the_running_system_gets_the_same_folder_as_qt(qapp, monkeypatch) -> None:
    from PySide6.QtCore import QStandardPaths

    monkeypatch.delenv(ENV_DATA_DIR)
    names = qapp.organizationName(), qapp.applicationName()
    qapp.setOrganizationName(ORG_NAME)  # as ui/app.py names the running app
    qapp.setApplicationName(APP_NAME)
    try:
        qt = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    finally:
        qapp.setOrganizationName(names[0])
        qapp.setApplicationName(names[1])
    assert paths.data_dir() == Path(qt)
