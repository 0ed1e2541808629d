"""The History page's charts: the year of days, minutes per week, comfort."""
