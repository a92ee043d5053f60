-- "Awaiting recognition" was a RECEIVED document whose status_reason held RecognitionService.AWAITING's text; it is now
-- a lifecycle status of its own, so restart re-queueing, the API and the pages read the status, not a sentence.
UPDATE document SET status = 'AWAITING_RECOGNITION', status_reason = NULL
 WHERE status = 'RECEIVED' AND status_reason = 'awaiting recognition (PDF text or OCR)';
