package io.switchboard.common;

import jakarta.persistence.AttributeConverter;

/** Stores a {@link WireValue} enum as its wire string, the value the database CHECK allows. */
public abstract class WireValueConverter<E extends Enum<E> & WireValue> implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected WireValueConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : value.wire();
    }

    @Override
    public E convertToEntityAttribute(String value) {
        return value == null ? null : WireValue.require(type, value);
    }
}
