package io.fapilog.spi;

/** Fields an {@link Enricher} or {@link Redactor} may change in place. */
public interface MutableFields extends FieldsView {

    /** Sets {@code key}: replaces its value in place, or appends the pair; a null key throws {@code NullPointerException} saying so. */
    MutableFields put(String key, Object value);

    /** Appends the pair unless {@code key} is present; a null key throws as {@link #put} does. */
    MutableFields putIfAbsent(String key, Object value);

    /** Replaces the value of pair {@code index}. */
    void setValue(int index, Object value);

    /** Removes {@code key}; @return whether it was present */
    boolean remove(String key);
}
