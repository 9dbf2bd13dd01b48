"""The Qt-free, database-free core: values, rules and commands of a sales pipeline."""
