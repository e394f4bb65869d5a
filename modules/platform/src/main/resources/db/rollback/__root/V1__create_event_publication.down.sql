DROP TABLE event_publication;
