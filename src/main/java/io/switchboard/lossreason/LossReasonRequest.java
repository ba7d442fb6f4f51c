package io.switchboard.lossreason;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record LossReasonRequest(
        @NotBlank @Size(max = 120) String name, @Size(max = 2000) String description, Boolean active) {}
