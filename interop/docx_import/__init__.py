"""Implementation reports written in Word: read them (`drivkraft import-docx`) and ship the template
(`drivkraft make-report-template`) consultants write into."""
