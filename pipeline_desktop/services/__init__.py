"""Qt-free services over the repository: metrics, forecast, health, Excel, demo data."""
